/** The domain whose database holds the search index and the subscriber's inbox. */
export const SEARCH_DOMAIN = 'search';
