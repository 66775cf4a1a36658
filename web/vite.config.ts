import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const API_TARGET = process.env.KEFU_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    // changeOrigin stays false: the server's CSRF check compares Origin with Host.
    proxy: { '/api': { target: API_TARGET, changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The chunk with antd's shared core is ~800 kB before gzip (~250 kB gzipped); above this, look again.
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      output: {
        // React changes less often than the app: its own chunk stays cached across releases.
        codeSplitting: {
          groups: [{ name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/ }],
        },
      },
    },
  },
});
