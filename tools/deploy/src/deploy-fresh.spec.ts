import { resolve } from 'node:path';
import { renderShipped, staleFiles } from './index';

const ROOT = resolve(__dirname, '../../..');

// deploy/<topology>/ is rendered output: a topology or renderer change must come with its render.
describe('deploy/ is up to date with topology/*.yaml', () => {
  it('has every rendered file as the renderer writes it, and none it no longer writes', () => {
    const stale = renderShipped(ROOT).flatMap((d) => staleFiles(ROOT, d));
    expect(stale.map((file) => `${file} is stale: run npm run deploy:render -- --all`)).toEqual([]);
  });
});
