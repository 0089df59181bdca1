/** Colouring rules: the dialog, the rules in force, and the colours of rows and frames. */
export { ColourRulesDialog } from './ColourRulesDialog.js';
export { startColouring, useColourState } from './colour-store.js';
export { useRowColours, type RuleOf } from './use-row-colours.js';
