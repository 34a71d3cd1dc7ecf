/// <reference types="vite/client" />

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

/** Route id → the departments that may call it (console/vite.config.ts, from API_ROUTES). */
declare const __ROUTE_CALLERS__: Record<string, readonly string[]>;
