-- Version 5: an import writes the search indexes through their pending lists and merges them itself
-- before it commits (database/cases.ts `writeCases`), measured at 500,000 cases (docs/postgresql.md).
--
-- Inserted one row at a time, each case's 150-odd trigrams and its character pairs were each a descent
-- into an index: some 4 s of the server's CPU for a 10,000-case batch. Taken into a pending list large
-- enough for a whole batch and merged by gin_clean_pending_list, each trigram or pair is inserted once
-- with all the batch's rows: about 40 % less. Nothing else writes these indexes and the import leaves
-- every list empty, so searches still read no pending list (what migration 4 was for). An import that
-- fails after its inserts leaves its entries in the lists until the next import or a vacuum merges them.
-- The party keys stay as migration 4 left them (fastupdate off): merging them measured no cheaper.
ALTER INDEX case_search_haystack SET (gin_pending_list_limit = 262144);
ALTER INDEX case_search_pinyin SET (gin_pending_list_limit = 262144);
ALTER INDEX case_search_bigrams SET (gin_pending_list_limit = 262144);
