/** The save step that chooses which TLS sessions' secrets go into the file (none unless chosen). */
export { SaveSecretsPrompt } from './SaveSecretsPrompt.js';
export { chooseSecrets } from './secrets-question.js';
