// A valid bundle for tests, shaped like what the server compiles from the built-in catalog.

/** @returns {import('../src/lib/bundle.js').PolicyBundle} */
export function sampleBundle() {
  return {
    schemaVersion: 1,
    policyVersion: `sha256:${'ab'.repeat(32)}`,
    issuedAt: '2026-11-28T12:00:00Z',
    refreshSeconds: 300,
    organization: { name: 'Acme' },
    groups: [],
    guidelines: {
      version: 3,
      title: 'Using generative AI at Acme',
      html: '<h1>Rules</h1><p>No customer data.</p>',
      requireAcknowledgement: true,
      acknowledgeEveryDays: 90,
    },
    defaults: { serviceAction: 'WARN', unknownAiAction: 'WARN' },
    services: [
      {
        key: 'chatgpt',
        name: 'ChatGPT',
        hosts: ['chatgpt.com', 'chat.openai.com'],
        action: 'WARN',
        message: 'Use Acme GPT for work.',
        historyReminder: { steps: ['Open Settings', 'Turn off training'], settingsUrl: 'https://chatgpt.com/#settings' },
        trainsOnInputsByDefault: true,
        alternative: { name: 'Acme GPT', url: 'https://gpt.acme.example/' },
        inputSelectors: ['#prompt-textarea'],
      },
      {
        key: 'gemini',
        name: 'Gemini',
        hosts: ['gemini.google.com', 'bard.google.com'],
        action: 'ACKNOWLEDGE',
        trainsOnInputsByDefault: true,
        inputSelectors: ['rich-textarea'],
      },
      {
        key: 'midjourney',
        name: 'Midjourney',
        hosts: ['midjourney.com', 'discord.com/channels/662267976984297473'],
        action: 'BLOCK',
        message: 'Image generation is not approved.',
        trainsOnInputsByDefault: true,
        alternative: { name: 'Acme Images', url: 'https://images.acme.example/' },
        inputSelectors: [],
      },
      { key: 'claude', name: 'Claude', hosts: ['claude.ai'], action: 'ALLOW', trainsOnInputsByDefault: false, inputSelectors: [] },
    ],
    unknownAiSites: ['someai.example'],
    blocklist: [
      { pattern: 'character.ai', action: 'BLOCK', reason: 'Not for work.' },
      { pattern: 'chatgpt.com/g/', action: 'BLOCK', reason: 'Custom GPTs are not approved.' },
      { pattern: 'midjourney.com/docs', action: 'WARN', reason: 'Reading the docs is fine.' },
    ],
    allowlist: [{ pattern: 'help.character.ai' }],
  };
}
