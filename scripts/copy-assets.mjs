// tsc compiles only TypeScript: the pages' CSS and JS are copied next to the compiled renderer.
import { cpSync, rmSync } from 'node:fs';

rmSync('dist/render/html/assets', { recursive: true, force: true });
cpSync('src/render/html/assets', 'dist/render/html/assets', { recursive: true });
