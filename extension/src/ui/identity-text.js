// How the popup and the sign-in page describe the identity the extension reports to the server.

/**
 * @typedef {Awaited<ReturnType<typeof import('../background/identity.js').identityStatus>>} IdentityStatus
 */

/**
 * @param {IdentityStatus} identity
 * @returns {string}
 */
export function describeIdentity(identity) {
  if (identity.mode === 'browser-account') {
    return identity.known ? `Your browser account, ${identity.email}` : 'Nobody yet: this browser profile is not signed in to an account';
  }
  if (identity.mode === 'oidc') {
    if (!identity.known) return 'Nobody yet: you are not signed in';
    const who = [identity.name, identity.email ? `(${identity.email})` : ''].filter((part) => part !== '' && part !== undefined).join(' ');
    return `${who === '' ? 'You' : who}, signed in with ${identity.provider}`;
  }
  return 'Nobody: only this browser, never a person';
}
