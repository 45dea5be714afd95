import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { isExtensionVersion, isNewerVersion } from '../src/lib/extension-version.js';

describe('isNewerVersion', () => {
  it('compares number by number, not as text', () => {
    assert.equal(isNewerVersion('0.1.0.1', '0.1.0'), true);
    assert.equal(isNewerVersion('0.10.0', '0.9.9'), true);
    assert.equal(isNewerVersion('1.2', '1.10'), false);
    assert.equal(isNewerVersion('2', '1.65535.65535.65535'), true);
  });

  it('treats missing parts as zero, so the same version is not newer', () => {
    assert.equal(isNewerVersion('1.0', '1.0.0'), false);
    assert.equal(isNewerVersion('1.0.0', '1.0'), false);
    assert.equal(isNewerVersion('0.9', '1.0'), false);
  });

  it('never takes what is not a Chromium version for a newer one', () => {
    for (const offered of [null, undefined, '', '1.0.0.0.1', '1.-1', '01.0', '1.70000', '1.0 ', 'v2', '2e3', 2]) {
      assert.equal(isNewerVersion(offered, '0.1.0'), false, String(offered));
    }
  });
});

describe('isExtensionVersion', () => {
  it('accepts one to four integers up to 65535', () => {
    assert.equal(isExtensionVersion('0'), true);
    assert.equal(isExtensionVersion('65535.0.0.1'), true);
    assert.equal(isExtensionVersion('65536'), false);
  });
});
