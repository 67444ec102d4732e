// The one esbuild configuration for server code: a Node 20 ES module, packages left
// to node_modules, Preact's JSX. Used by the build, the benchmarks and the moderation scripts.

/** esbuild options for bundling server TypeScript; spread into build() with entryPoints/stdin and outfile. */
export const NODE_BUNDLE = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  logLevel: 'warning',
};
