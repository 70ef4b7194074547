/**
 * Vite plugin: serves the built city bundles (data/) and basemaps (tiles/) from the app's own origin in dev and
 * preview, with HTTP Range support (PMTiles reads byte ranges), and copies them into dist/ on build so a
 * deployment is one self-contained folder.
 */
import { cpSync, createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, normalize, resolve } from 'node:path';
import type { Plugin } from 'vite';

const FOLDERS = ['data', 'tiles'];
const TYPES: Record<string, string> = { '.json': 'application/json', '.geojson': 'application/geo+json', '.pmtiles': 'application/octet-stream', '.bin': 'application/octet-stream' };

export function serveCityFiles(root: string): Plugin {
  const middleware = (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const path = decodeURIComponent((req.url ?? '').split('?')[0]);
    const folder = FOLDERS.find((f) => path.startsWith(`/${f}/`));
    if (!folder) return next();
    const base = resolve(root, folder);
    const file = normalize(join(root, path));
    if (!file.startsWith(base) || !existsSync(file) || !statSync(file).isFile()) {
      res.statusCode = 404;
      res.end('not found');
      return;
    }
    sendFile(req, res, file);
  };
  return {
    name: 'serve-city-files',
    configureServer: (server) => void server.middlewares.use(middleware),
    configurePreviewServer: (server) => void server.middlewares.use(middleware),
    writeBundle(options) {
      const outDir = options.dir ?? 'dist';
      for (const folder of FOLDERS) if (existsSync(join(root, folder))) cpSync(join(root, folder), join(outDir, folder), { recursive: true });
    },
  };
}

function sendFile(req: IncomingMessage, res: ServerResponse, file: string): void {
  const size = statSync(file).size;
  const type = TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream';
  res.setHeader('Content-Type', type);
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('Cache-Control', 'no-cache');
  const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
  if (range) {
    const start = range[1] === '' ? Math.max(0, size - Number(range[2])) : Number(range[1]);
    const end = range[1] !== '' && range[2] !== '' ? Math.min(size - 1, Number(range[2])) : size - 1;
    if (start > end || start >= size) {
      res.statusCode = 416;
      res.setHeader('Content-Range', `bytes */${size}`);
      res.end();
      return;
    }
    res.statusCode = 206;
    res.setHeader('Content-Range', `bytes ${start}-${end}/${size}`);
    res.setHeader('Content-Length', String(end - start + 1));
    createReadStream(file, { start, end }).pipe(res);
    return;
  }
  res.setHeader('Content-Length', String(size));
  createReadStream(file).pipe(res);
}
