// Injected into dist/bundle/cli.cjs by scripts/bundle-cli.mjs: the sources use `import.meta.url`
// (ES modules) to find files beside the package; in the CommonJS bundle it is the bundle's own URL.
// dist/bundle/ sits two levels below the root like every dist/<dir>/ file, so the paths hold.
export const importMetaUrl = require('node:url').pathToFileURL(__filename).href;
