import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The review service serves dist/ under a CSP without 'unsafe-inline': no inline script or style may end up in
// index.html, so the module-preload polyfill (an inline script) is off and CSS is always a separate file.
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    cssCodeSplit: false,
  },
  server: {
    // `npm run dev -w @hotline/review-console`: the API comes from a review service on its default port.
    proxy: { '/api': 'http://127.0.0.1:8081' },
  },
});
