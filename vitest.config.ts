import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const domain = (name: string): string => fileURLToPath(new URL(`./${name}/index.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run the TypeScript sources; package.json "imports" points at dist/ for the built CLI.
    alias: [
      { find: /^#harness$/, replacement: domain('harness') },
      { find: /^#mock-sps$/, replacement: domain('mock-sps') },
      { find: /^#scenarios$/, replacement: domain('scenarios') },
      { find: /^#reports$/, replacement: domain('reports') },
    ],
  },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
