import { dataSource, prop, state } from './fixture.js';

/** Names that break naive code generators: prototype keys, reserved words, quotes, emoji, digits. */
export const HOSTILE = state([
  dataSource('x', 'y', 'Hostile "names" */', [
    prop('Name', { type: 'title' }),
    prop('__proto__', { type: 'rich_text' }),
    prop('constructor', { type: 'number', format: 'number' }),
    prop('toString', { type: 'checkbox' }),
    prop('hasOwnProperty', { type: 'select', options: [{ name: '__proto__' }, { name: 'a"b' }, { name: '${x}' }, { name: 'back`tick' }] }),
    prop('default', { type: 'url' }),
    prop('"quoted"', { type: 'email' }),
    prop('line\\break */', { type: 'phone_number' }),
    prop('😀', { type: 'date' }),
    prop('😃', { type: 'date' }),
    prop('123', { type: 'people' }),
  ]),
]);
