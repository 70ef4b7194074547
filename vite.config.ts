import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { serveCityFiles } from './scripts/serve_city_files.ts';

/** this build's version, written into the field app's service worker: its shell cache (with the hashed /assets/) is per build */
const FIELD_BUILD = `${Date.now().toString(36)}`;

export default defineConfig({
  define: { __FIELD_BUILD__: JSON.stringify(FIELD_BUILD) },
  plugins: [react(), serveCityFiles(import.meta.dirname)],
  // a missing file is a 404, not index.html with status 200
  appType: 'mpa',
  server: { host: '127.0.0.1', strictPort: true, port: 5173 },
  preview: { host: '127.0.0.1', strictPort: true, port: 4173 },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2500,
    // the desk atlas, the field app (field.html) and the field app's service worker, kept at /field-sw.js
    rollupOptions: {
      input: { main: 'index.html', field: 'field.html', 'field-sw': 'src/field/service_worker.ts' },
      output: { entryFileNames: (chunk) => (chunk.name === 'field-sw' ? 'field-sw.js' : 'assets/[name]-[hash].js') },
    },
  },
  worker: { format: 'es' },
});
