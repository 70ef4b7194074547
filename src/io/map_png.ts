/**
 * The current map as a PNG for reports: the map frame with a title band, legend, scale bar, north arrow, data
 * date and attribution drawn over it (the map has no rotation, so north is up).
 */
export interface MapPngOptions {
  title: string;
  subtitle: string;
  legendTitle: string;
  legend: readonly { label: string; colour: readonly [number, number, number]; shape: 'dot' | 'ring' | 'fill' | 'line' }[];
  footer: string;
  metresPerPixel: number;
}

const FONT = "'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";

/** A round scale length (1, 2 or 5 × 10^n metres) about a fifth of the map's width. */
export function scaleBar(metresPerPixel: number, widthPx: number): { metres: number; pixels: number; label: string } {
  const target = metresPerPixel * widthPx * 0.2;
  const power = 10 ** Math.floor(Math.log10(target));
  const metres = [5, 2, 1].map((m) => m * power).find((m) => m <= target) ?? power;
  return { metres, pixels: metres / metresPerPixel, label: metres >= 1000 ? `${metres / 1000} km` : `${metres} m` };
}

export async function composeMapPng(map: HTMLCanvasElement, options: MapPngOptions): Promise<Blob> {
  const scale = Math.max(1, map.width / 1400);
  const band = Math.round(64 * scale);
  const canvas = document.createElement('canvas');
  canvas.width = map.width;
  canvas.height = map.height + band * 2;
  const ctx = canvas.getContext('2d')!;
  const px = (n: number) => Math.round(n * scale);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(map, 0, band);

  // title band
  ctx.fillStyle = '#1f2a33';
  ctx.font = `bold ${px(26)}px ${FONT}`;
  ctx.textBaseline = 'middle';
  ctx.fillText(options.title, px(20), band * 0.4);
  ctx.font = `${px(15)}px ${FONT}`;
  ctx.fillStyle = '#66727d';
  ctx.fillText(options.subtitle, px(20), band * 0.78);

  // legend box, bottom left of the map
  const rowH = px(22);
  const legendH = rowH * (options.legend.length + 1) + px(12);
  const legendW = px(250);
  const lx = px(16);
  const ly = band + map.height - legendH - px(16);
  ctx.fillStyle = 'rgba(255,255,255,0.92)';
  ctx.strokeStyle = '#c9c4b9';
  ctx.lineWidth = px(1);
  ctx.fillRect(lx, ly, legendW, legendH);
  ctx.strokeRect(lx, ly, legendW, legendH);
  ctx.fillStyle = '#1f2a33';
  ctx.font = `bold ${px(14)}px ${FONT}`;
  ctx.fillText(options.legendTitle, lx + px(10), ly + px(6) + rowH / 2);
  ctx.font = `${px(13)}px ${FONT}`;
  options.legend.forEach((item, i) => {
    const cy = ly + px(6) + rowH * (i + 1.5);
    const cx = lx + px(20);
    const colour = `rgb(${item.colour.join(',')})`;
    ctx.beginPath();
    if (item.shape === 'line') {
      ctx.strokeStyle = colour;
      ctx.lineWidth = px(4);
      ctx.moveTo(cx - px(9), cy);
      ctx.lineTo(cx + px(9), cy);
      ctx.stroke();
    } else if (item.shape === 'fill') {
      ctx.fillStyle = colour;
      ctx.fillRect(cx - px(8), cy - px(6), px(16), px(12));
    } else {
      ctx.arc(cx, cy, px(6), 0, Math.PI * 2);
      ctx.fillStyle = item.shape === 'ring' ? '#ffffff' : colour;
      ctx.fill();
      ctx.strokeStyle = colour;
      ctx.lineWidth = px(item.shape === 'ring' ? 3 : 1);
      ctx.stroke();
    }
    ctx.fillStyle = '#1f2a33';
    ctx.fillText(item.label, cx + px(18), cy);
  });

  // scale bar, bottom right
  const bar = scaleBar(options.metresPerPixel, map.width);
  const bx = map.width - bar.pixels - px(24);
  const by = band + map.height - px(24);
  ctx.fillStyle = 'rgba(255,255,255,0.9)';
  ctx.fillRect(bx - px(8), by - px(26), bar.pixels + px(16), px(34));
  ctx.strokeStyle = '#1f2a33';
  ctx.lineWidth = px(2);
  ctx.beginPath();
  ctx.moveTo(bx, by - px(6));
  ctx.lineTo(bx, by);
  ctx.lineTo(bx + bar.pixels, by);
  ctx.lineTo(bx + bar.pixels, by - px(6));
  ctx.stroke();
  ctx.fillStyle = '#1f2a33';
  ctx.font = `${px(13)}px ${FONT}`;
  ctx.textAlign = 'center';
  ctx.fillText(bar.label, bx + bar.pixels / 2, by - px(14));

  // north arrow, top right of the map
  const nx = map.width - px(40);
  const ny = band + px(24);
  ctx.fillStyle = 'rgba(255,255,255,0.9)';
  ctx.beginPath();
  ctx.arc(nx, ny + px(20), px(26), 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = '#1f2a33';
  ctx.beginPath();
  ctx.moveTo(nx, ny);
  ctx.lineTo(nx + px(10), ny + px(30));
  ctx.lineTo(nx, ny + px(23));
  ctx.lineTo(nx - px(10), ny + px(30));
  ctx.closePath();
  ctx.fill();
  ctx.font = `bold ${px(14)}px ${FONT}`;
  ctx.fillText('N', nx, ny + px(40));

  // footer: data date and attribution
  ctx.textAlign = 'left';
  ctx.fillStyle = '#66727d';
  ctx.font = `${px(14)}px ${FONT}`;
  ctx.fillText(options.footer, px(20), band + map.height + band / 2);
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'));
}
