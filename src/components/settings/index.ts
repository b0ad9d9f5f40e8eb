import './settings.css';

export { SavedConnectionsMenu } from './SavedConnectionsMenu';
export { ShareLinkButton } from './ShareLinkButton';
export { ShortcutsHelp } from './ShortcutsHelp';
export { SecretPrompt } from './SecretPrompt';
