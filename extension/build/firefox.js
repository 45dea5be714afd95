// The Firefox variant of the manifest. Firefox runs the same code (it offers the `chrome` namespace with promises in
// Manifest V3) with these differences: an event page (background.scripts) instead of a service worker, an add-on ID
// of its own, no manifest "key", no managed-storage schema (Firefox reads managed settings from policies.json,
// 3rdparty.Extensions.<id>), no identity.email permission and no use_dynamic_url (its extension origins are random
// per installation anyway). The data the extension sends its organization's server is declared for Firefox's
// data-collection consent (docs/browser-rollout.md, Firefox).

/** The add-on ID; the server's promptgate.extension.firefox-id has the same default. */
export const GECKO_ID = 'promptgate@promptgate.dev';
/** The first ESR with data_collection_permissions (140); DNR, scripting and storage.session are older. */
export const MIN_FIREFOX = '140.0';

/**
 * Sent to the organization's Promptgate server, never elsewhere: which AI sites were visited and what the person did
 * there (warned, acknowledged, blocked, proceeded: browsingActivity, websiteActivity), and with identity oidc the
 * person's access token (authenticationInfo). Never page text, typed text or a full URL.
 */
export const DATA_COLLECTION = Object.freeze({ required: ['browsingActivity', 'websiteActivity', 'authenticationInfo'] });

/**
 * @param {Record<string, any>} chromeManifest the built Chrome/Edge manifest
 * @returns {Record<string, any>}
 */
export function firefoxManifest(chromeManifest) {
  /** @type {Record<string, any>} */
  const manifest = structuredClone(chromeManifest);
  for (const chromeOnly of ['key', 'minimum_chrome_version', 'storage']) delete manifest[chromeOnly];
  manifest.background = { scripts: ['background.js'] };
  manifest.permissions = manifest.permissions.filter((/** @type {string} */ p) => p !== 'identity.email');
  for (const resource of manifest.web_accessible_resources) delete resource.use_dynamic_url;
  manifest.browser_specific_settings = {
    gecko: { id: GECKO_ID, strict_min_version: MIN_FIREFOX, data_collection_permissions: DATA_COLLECTION },
  };
  return manifest;
}
