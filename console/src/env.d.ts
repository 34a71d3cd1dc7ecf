/// <reference types="vite/client" />

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

/** Route id → the departments that may call it (console/vite.config.ts, from API_ROUTES). */
declare const __ROUTE_CALLERS__: Record<string, readonly string[]>;

/** Indicator id → its names: `zh` (titleZh) and `en` (title) (console/vite.config.ts, from ALL_INDICATORS). */
declare const __INDICATORS__: Record<string, { zh: string; en: string }>;
