/** The display-filter bar, its progress, "Apply as Filter" and the displayed counts. */
export { FilterBar, type FilterBarProps } from './FilterBar.js';
export { FieldMenu } from './FieldMenu.js';
export { cancelFilter, useFilterProgress } from './use-filter-progress.js';
export { displayedText, publishDisplayed, useDisplayed } from './displayed.js';
export { filterForField } from './field-filter.js';
