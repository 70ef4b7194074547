import { describe, expect, it } from 'vitest';
import { importGridFile } from './import_grids';

const BBOX: [number, number, number, number] = [118.78, 32.04, 118.79, 32.05];

describe('importing a real grid layer', () => {
  const result = importGridFile('test/in/grids-import.geojson', BBOX);
  const reasons = Object.fromEntries(result.rejected.map((r) => [r.row, r.reason]));

  it('accepts or rejects every row, nothing lost', () => {
    expect(result.rows).toBe(11);
    expect(result.accepted.length + result.rejected.length).toBe(result.rows);
    expect(result.accepted.map((g) => g.properties.code)).toEqual(['32010290100101', '32010290100102', '32010290100108']);
  });

  it('names the file, the row and the reason for each rejected row', () => {
    expect(reasons).toEqual({
      3: 'grids-import.geojson row 3: code 32010290100101 is already used by row 1.',
      4: expect.stringMatching(/^grids-import\.geojson row 4: overlaps row 1 \(32010290100101\) by \d+ m²\.$/),
      5: 'grids-import.geojson row 5: has a ring that is not closed (first and last positions differ).',
      6: 'grids-import.geojson row 6: has no grid code (网格编码).',
      7: 'grids-import.geojson row 7: code "12345" is not 14 digits (6 county + 3 street + 3 community + 2 sequence).',
      8: 'grids-import.geojson row 8: has a LineString, not a polygon.',
      9: 'grids-import.geojson row 9: lies outside the managed area.',
      10: 'grids-import.geojson row 10: has a self-intersecting outline.',
    });
  });

  it('reads the hierarchy from the code and Chinese field names as cities export them', () => {
    const grid = result.accepted[2].properties;
    expect(grid).toMatchObject({ name: '中文字段网格', districtCode: '320102', streetCode: '901', communityCode: '001', seq: 8, responsiblePerson: '张三', phone: '025-0000', origin: 'imported' });
    expect(result.accepted[0].properties.areaM2).toBeGreaterThan(9000);
  });
});
