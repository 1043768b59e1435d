import { readFileSync } from 'node:fs';
import { fastLoad } from './src/config/fast-load.js';
const text = readFileSync(process.argv[2]!, 'utf8');
for (let i = 0; i < 6; i++) fastLoad(text);
