// Vite client types for the web app: CSS side-effect imports and import.meta.env.
/// <reference types="vite/client" />
