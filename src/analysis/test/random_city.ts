/**
 * Seeded random cities for brute-force property tests: streets in every direction (some ending a metre or two
 * short of another street, as loosely mapped T-junctions do), long diagonal streets whose boxes cover much of the
 * city (they defeat box-ordered pruning), and compounds of the shapes that broke box-centre shortcuts: U and L
 * shapes, courtyards (holes) and multi-part compounds. Positions are metres in the fixture frame.
 */
import { SIX_SURROUNDINGS, type CategoryId } from '../../domain/categories';
import { Prng } from '../prng';
import { SNAP_TOLERANCE_M } from '../street_graph';
import { square, type FixtureCity } from './fixture_city';

type Ring = [number, number][];

function rotate(ring: Ring, cx: number, cy: number, angle: number): Ring {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  return ring.map(([x, y]) => [cx + (x - cx) * c - (y - cy) * s, cy + (x - cx) * s + (y - cy) * c]);
}

/** a U opening north: arms `arm` wide around a notch `notch` wide and `depth` deep */
export function uShape(x0: number, y0: number, notch: number, depth: number, arm: number, base: number): Ring {
  const w = notch + 2 * arm;
  const h = depth + base;
  return [[x0, y0], [x0 + w, y0], [x0 + w, y0 + h], [x0 + arm + notch, y0 + h], [x0 + arm + notch, y0 + base], [x0 + arm, y0 + base], [x0 + arm, y0 + h], [x0, y0 + h], [x0, y0]];
}

function lShape(x0: number, y0: number, w: number, h: number, arm: number): Ring {
  return [[x0, y0], [x0 + w, y0], [x0 + w, y0 + arm], [x0 + arm, y0 + arm], [x0 + arm, y0 + h], [x0, y0 + h], [x0, y0]];
}

export function randomCity(seed: number, halfM = 1500): FixtureCity {
  const rng = new Prng(seed);
  const at = (): [number, number] => [rng.range(-halfM, halfM), rng.range(-halfM, halfM)];
  const streets: NonNullable<FixtureCity['streets']> = [];
  for (let i = 0; i < 40; i++) {
    const [x, y] = at();
    const angle = rng.range(0, Math.PI);
    const length = rng.range(50, 600);
    const line: [number, number][] = [[x, y]];
    // a few bends, so streets are polylines
    for (let k = 0, a = angle; k < rng.int(1, 3); k++, a += rng.range(-0.6, 0.6)) {
      const [px, py] = line[line.length - 1];
      line.push([px + (Math.cos(a) * length) / 2, py + (Math.sin(a) * length) / 2]);
    }
    streets.push({ line, alley: rng.chance(0.6) });
  }
  // long diagonals: their boxes cover most of the city while the streets pass far from most points
  for (let i = 0; i < 6; i++) {
    const c = rng.range(-halfM / 2, halfM / 2);
    streets.push({ line: [[-halfM, c + halfM * (i % 2 ? 1 : -1)], [halfM, c - halfM * (i % 2 ? 1 : -1)]], alley: rng.chance(0.5) });
  }
  // stems that stop short of the street they meet, within and just beyond the snapping tolerance
  for (let i = 0; i < 12; i++) {
    const host = streets[rng.int(0, 39)].line;
    const [ax, ay] = host[0];
    const [bx, by] = host[1];
    const t = rng.range(0.2, 0.8);
    const length = Math.hypot(bx - ax, by - ay);
    const nx = -(by - ay) / length;
    const ny = (bx - ax) / length;
    const gap = rng.range(0.3, SNAP_TOLERANCE_M * 1.5);
    const start: [number, number] = [ax + t * (bx - ax) + nx * gap, ay + t * (by - ay) + ny * gap];
    streets.push({ line: [start, [start[0] + nx * rng.range(30, 200), start[1] + ny * rng.range(30, 200)]], alley: true });
  }
  const compounds: NonNullable<FixtureCity['compounds']> = [];
  const facilities: NonNullable<FixtureCity['facilities']> = [];
  for (let i = 0; i < 30; i++) {
    const [x, y] = at();
    const angle = rng.chance(0.5) ? 0 : rng.range(0, Math.PI * 2);
    const size = rng.range(80, 400);
    const kind = i % 4;
    if (kind === 0) {
      const ring = rotate(uShape(x, y, size * 0.6, size * 0.7, size * 0.15, size * 0.2), x, y, angle);
      compounds.push({ rings: [ring] });
      // one lot at the box centre (in the notch) and one just outside the base: the nearer one is outside the box
      const xs = ring.map((p) => p[0]);
      const ys = ring.map((p) => p[1]);
      const centre: [number, number] = [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
      const [below] = rotate([[x + size * 0.45, y - size * 0.08]], x, y, angle);
      facilities.push({ at: centre, category: 'parking' }, { at: below, category: 'parking' });
    }
    else if (kind === 1) compounds.push({ rings: [rotate(lShape(x, y, size, size * 0.8, size * 0.2), x, y, angle)] });
    else if (kind === 2) compounds.push({ rings: [square(x, y, x + size, y + size), square(x + size * 0.3, y + size * 0.3, x + size * 0.7, y + size * 0.7).reverse()] });
    else compounds.push({ parts: [[square(x, y, x + size / 2, y + size / 3)], [square(x + size, y + size / 2, x + size * 1.4, y + size)]] });
  }
  const categories: CategoryId[] = ['toilet', 'toilet', 'parking', ...SIX_SURROUNDINGS];
  for (let i = 0; i < 60; i++) facilities.push({ at: at(), category: categories[i % categories.length] });
  // a few facilities inside compounds' notches and courtyards, where box-centre shortcuts went wrong
  for (let i = 0; i < compounds.length; i += 3) {
    const c = compounds[i];
    const ring = 'rings' in c ? c.rings[0] : c.parts[0][0];
    const cx = ring.slice(0, -1).reduce((s, p) => s + p[0], 0) / (ring.length - 1);
    const cy = ring.slice(0, -1).reduce((s, p) => s + p[1], 0) / (ring.length - 1);
    facilities.push({ at: [cx, cy], category: i % 2 ? 'parking' : 'toilet' });
  }
  return { facilities, streets, compounds };
}
