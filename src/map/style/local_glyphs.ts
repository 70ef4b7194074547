/**
 * Glyphs drawn in the browser from local fonts, so no glyph server is needed (intranet deployments).
 *
 * MapLibre draws CJK ideographs itself (localIdeographFontFamily) but asks the style's glyph URL for every
 * other range (Latin, digits, punctuation). This protocol answers those requests by rasterising each glyph
 * with TinySDF and encoding the standard glyph PBF:
 *   glyphs { stacks: [ fontstack { name, range, glyphs: [ glyph { id, bitmap, width, height, left, top, advance } ] } ] }
 */
import TinySDF from '@mapbox/tiny-sdf';
import maplibregl from 'maplibre-gl';
import { PbfWriter } from 'pbf';

export const LOCAL_GLYPHS_URL = 'localglyphs://{fontstack}/{range}';
export const LOCAL_FONT_FAMILY = "'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";

/** glyph PBFs are 24 px SDFs with a 3 px border, the format MapLibre expects */
const FONT_SIZE = 24;
const BUFFER = 3;
/** MapLibre's own alignment of TinySDF glyphs with server glyphs (glyph_manager.ts) */
const TOP_ADJUSTMENT = 27.5;

let registered = false;

export function registerLocalGlyphs(): void {
  if (registered) return;
  registered = true;
  const sdf = new TinySDF({ fontSize: FONT_SIZE, buffer: BUFFER, radius: 8, cutoff: 0.25, fontFamily: LOCAL_FONT_FAMILY, fontWeight: '500' });
  const cache = new Map<string, ArrayBuffer>();
  maplibregl.addProtocol('localglyphs', async (params) => {
    const match = /^localglyphs:\/\/([^/]+)\/(\d+)-(\d+)/.exec(params.url);
    if (!match) throw new Error(`bad glyph url ${params.url}`);
    const key = `${match[2]}-${match[3]}`;
    let data = cache.get(key);
    if (!data) {
      data = encodeRange(sdf, decodeURIComponent(match[1]), Number(match[2]), Number(match[3]));
      cache.set(key, data);
    }
    return { data: data.slice(0) };
  });
}

function encodeRange(sdf: TinySDF, fontstack: string, start: number, end: number): ArrayBuffer {
  const pbf = new PbfWriter();
  pbf.writeMessage(1, () => {
    pbf.writeStringField(1, fontstack);
    pbf.writeStringField(2, `${start}-${end}`);
    for (let id = start; id <= end; id++) {
      // control characters and lone surrogates have no glyph
      if (id < 32 || (id >= 0xd800 && id <= 0xdfff)) continue;
      const glyph = sdf.draw(String.fromCharCode(id));
      pbf.writeMessage(3, () => {
        pbf.writeVarintField(1, id);
        pbf.writeBytesField(2, glyph.data as unknown as Uint8Array);
        pbf.writeVarintField(3, glyph.glyphWidth);
        pbf.writeVarintField(4, glyph.glyphHeight);
        pbf.writeSVarintField(5, Math.round(glyph.glyphLeft + 0.5));
        pbf.writeSVarintField(6, Math.round(glyph.glyphTop - TOP_ADJUSTMENT));
        pbf.writeVarintField(7, Math.round(glyph.glyphAdvance));
      }, undefined);
    }
  }, undefined);
  const bytes = pbf.finish();
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
