import { describe, expect, it } from 'vitest';
import { splitImageReference } from '../../src/parse/image-reference';

describe('splitImageReference', () => {
  it('splits name, tag and digest', () => {
    expect(splitImageReference('ghcr.io/acme/api:1.4.2@sha256:abc')).toEqual({
      name: 'ghcr.io/acme/api',
      tag: '1.4.2',
      digest: 'sha256:abc',
    });
  });

  it('does not take a registry port for a tag', () => {
    expect(splitImageReference('localhost:5000/app')).toEqual({ name: 'localhost:5000/app' });
    expect(splitImageReference('localhost:5000/app:dev')).toEqual({ name: 'localhost:5000/app', tag: 'dev' });
  });

  it('keeps a digest-only reference untagged', () => {
    expect(splitImageReference('nginx@sha256:0123')).toEqual({ name: 'nginx', digest: 'sha256:0123' });
  });
});
