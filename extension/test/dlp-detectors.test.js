import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { BUILTIN_BY_ID, BUILTIN_DETECTORS } from '../src/lib/dlp/builtins.js';
import { cardNumberValid, ibanValid, luhnValid } from '../src/lib/dlp/checks.js';

/** @param {string} id @param {string} text */
const found = (id, text) => {
  const detector = BUILTIN_BY_ID.get(id);
  assert.ok(detector, id);
  return detector.find(text).map(([s, e]) => text.slice(s, e));
};
const rep = (/** @type {string} */ c, /** @type {number} */ n) => c.repeat(n);

describe('built-in detectors', () => {
  it('finds payment card numbers of every major scheme, grouped or not, and checks Luhn and issuer ranges', () => {
    for (const card of ['4111 1111 1111 1111', '4111-1111-1111-1111', '5555555555554444', '2223003122003222', '378282246310005', '3782 822463 10005', '6011111111111117', '3530111333300000', '4012888888881881']) {
      assert.deepEqual(found('payment-card', `pay with ${card}, thanks`), [card], card);
    }
    assert.deepEqual(found('payment-card', 'cards 4111 1111 1111 1111 5555 5555 5555 4444.'), ['4111 1111 1111 1111', '5555 5555 5555 4444']);
    assert.deepEqual(found('payment-card', '4111111111111111\n5555555555554444'), ['4111111111111111', '5555555555554444']);
    for (const not of ['4111 1111 1111 1112', '1234567812345670', 'order 12345678901', '41111 1111 1111 111', '+49 30 1234 5678', '2026-11-28 4111', 'x4111111111111111111111']) {
      assert.deepEqual(found('payment-card', not), [], not);
    }
    assert.ok(luhnValid('79927398713') && !luhnValid('79927398710'));
    assert.ok(cardNumberValid('4111111111111111') && !cardNumberValid('9111111111111111'));
  });

  it('finds whole private key blocks, and a block cut off after its header', () => {
    const key = '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgwMbRvI0MBZhpI\n-----END RSA PRIVATE KEY-----';
    assert.deepEqual(found('private-key', `here:\n${key}\nthanks`), [key]);
    const open = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU=';
    assert.deepEqual(found('private-key', `${open}\n\nWhat is this?`), [open]);
    assert.deepEqual(found('private-key', '-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----'), []);
  });

  it('finds cloud and platform credentials by their published formats', () => {
    const cases = {
      'aws-access-key': ['AKIAIOSFODNN7EXAMPLE', 'ASIA' + rep('Z', 15) + '7'],
      'github-token': ['ghp_' + rep('a1B2', 9), 'github_pat_' + rep('Ab1_', 20) + 'xy'],
      'gitlab-token': ['glpat-' + rep('xY3_', 5)],
      'slack-token': ['xoxb-123456789012-1234567890123-' + rep('aB3', 8), 'https://hooks.slack.com/services/T0000/B0000/' + rep('Xy9', 8)],
      'stripe-key': ['sk_live_' + rep('4eC39HqLyjWDarjtT1zdp7dc', 1), 'rk_test_' + rep('a1', 12)],
      'openai-key': ['sk-proj-' + rep('Ab9_-', 30), 'sk-' + rep('a', 20) + 'T3BlbkFJ' + rep('b', 20)],
      'anthropic-key': ['sk-ant-api03-' + rep('Zx_8-', 19) + 'AA'],
      'google-api-key': ['AIza' + rep('S', 30) + 'y-_09'],
      jwt: ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'],
    };
    for (const [id, tokens] of Object.entries(cases)) {
      for (const t of tokens) assert.deepEqual(found(id, `key: ${t} (do not share)`), [t], `${id}: ${t}`);
    }
    assert.deepEqual(found('aws-access-key', 'AKIAIOSFODNN7EXAMPLEX'), [], 'part of a longer word');
    assert.deepEqual(found('github-token', 'ghp_short'), []);
    assert.deepEqual(found('openai-key', 'sk-ant-api03-' + rep('Zx_8-', 19)), [], 'an Anthropic key is not an OpenAI key');
    assert.deepEqual(found('jwt', 'eyJhbGciOiJIUzI1NiJ9 is base64 for a header'), []);
  });

  it('finds IBANs by country length and check digits', () => {
    assert.deepEqual(found('iban', 'IBAN DE89 3704 0044 0532 0130 00 please'), ['DE89 3704 0044 0532 0130 00']);
    assert.deepEqual(found('iban', 'GB82WEST12345698765432.'), ['GB82WEST12345698765432']);
    assert.deepEqual(found('iban', 'DE89 3704 0044 0532 0130 01'), [], 'wrong check digits');
    assert.deepEqual(found('iban', 'DE89 3704 0044 0532 0130'), [], 'too short for Germany');
    assert.ok(ibanValid('NL91ABNA0417164300') && !ibanValid('NL91ABNA0417164301'));
  });

  it('finds personal data and private addresses when turned on', () => {
    assert.deepEqual(found('email', 'write to jane.doe+ai@example.co.uk today'), ['jane.doe+ai@example.co.uk']);
    assert.deepEqual(found('phone', 'call +44 20 7946 0958 or (030) 1234 5678'), ['+44 20 7946 0958', '(030) 1234 5678']);
    assert.deepEqual(found('phone', 'version 1.2.3 of 2026'), []);
    assert.deepEqual(found('us-ssn', 'SSN 123-45-6789, not 000-12-3456 or 666-12-3456'), ['123-45-6789']);
    assert.deepEqual(found('uk-nino', 'NI JG 10 37 58 A and AB123456D, not GB123456A'), ['JG 10 37 58 A', 'AB123456D']);
    assert.deepEqual(found('private-ip', 'hosts 10.0.0.12, 172.20.1.1, 192.168.1.300, 172.32.0.1, 8.8.8.8'), ['10.0.0.12', '172.20.1.1']);
  });

  it('finds high-entropy password and secret assignments, not ordinary words', () => {
    assert.deepEqual(found('secret-assignment', 'DB_PASSWORD=Xk9#mQ2$vL8p and api_key: "a8F3kL0pQz7W"'), ['Xk9#mQ2$vL8p', 'a8F3kL0pQz7W']);
    assert.deepEqual(found('secret-assignment', 'password = password123? no: secret: changeme'), []);
  });

  it('names every id of the contract, eleven on by default', () => {
    assert.deepEqual(BUILTIN_DETECTORS.filter((d) => d.onByDefault).map((d) => d.id), [
      'payment-card', 'private-key', 'aws-access-key', 'github-token', 'gitlab-token', 'slack-token', 'stripe-key', 'openai-key', 'anthropic-key', 'google-api-key', 'jwt',
    ]);
    assert.deepEqual(BUILTIN_DETECTORS.filter((d) => !d.onByDefault).map((d) => d.id), ['iban', 'email', 'phone', 'us-ssn', 'uk-nino', 'private-ip', 'secret-assignment']);
  });

  it('stays linear on hostile input: long runs of digits, dashes and token characters', () => {
    const hostile = ['1 '.repeat(20000), '-'.repeat(40000), 'sk-'.repeat(15000), 'a@'.repeat(20000), '1.'.repeat(20000), 'eyJ'.repeat(13000) + '.'];
    for (const text of hostile) for (const d of BUILTIN_DETECTORS) assert.ok(Array.isArray(d.find(text)), d.id);
  });
});
