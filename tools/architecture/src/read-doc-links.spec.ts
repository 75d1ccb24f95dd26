import { headingAnchor } from './read-doc-links';

describe('headingAnchor', () => {
  it('matches the anchors GitHub gives headings', () => {
    expect(headingAnchor('1. A domain is a contract, a core and an http lib')).toBe('1-a-domain-is-a-contract-a-core-and-an-http-lib');
    expect(headingAnchor('2. Layers (tags `type:*`), lowest first')).toBe('2-layers-tags-type-lowest-first');
  });
});
