import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';
import { indicatorNames } from '../shared/domain/indicators/names';
import { API_ROUTES } from '../shared/platform/api';

/**
 * The case workers' console (工作台): a single-page app served under /console/ by the local
 * platform's HTTP front (and, deployed, beside the API). `npm run build:console` writes console/dist.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  plugins: [vue()],
  // Who may call each route, from the one route table: the menu shows a page only to departments
  // whose calls it would not refuse (the API still decides; this only keeps dead ends out of the menu).
  // The indicators' names (Chinese and English), from the one registry, so no page keeps a copy.
  define: {
    __ROUTE_CALLERS__: JSON.stringify(Object.fromEntries(API_ROUTES.map((r) => [r.id, r.callers]))),
    __INDICATORS__: JSON.stringify(indicatorNames()),
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Element Plus and ECharts are large; one chunk per library keeps the app's own code small.
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        manualChunks: (id: string) => (id.includes('element-plus') ? 'element-plus' : id.includes('echarts') ? 'echarts' : undefined),
      },
    },
  },
});
