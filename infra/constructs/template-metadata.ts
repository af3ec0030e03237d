/** Template metadata key naming a function's source entry; the local runtime loads handlers from it. */
export const ENTRY_METADATA = 'lingchuan:entry';
/** Template metadata key listing the adapters a function declares: its grants must be exactly theirs. */
export const ADAPTERS_METADATA = 'lingchuan:adapters';
