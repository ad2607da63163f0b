-- Version 4: what the register's reads touch, measured at 500,000 cases (docs/postgresql.md).
--
-- GIN indexes take new entries into a pending list that every search scans in full until it is merged
-- (by the inserting import once it passes the limit, or by vacuum): with the default 4 MB limit a name
-- search or a duplicate check read some 300 pages after each import. The party keys (a few per party)
-- go straight into their index; the search indexes keep a short pending list (batched inserts are
-- what makes an import of 10,000 cases affordable) and start with it empty.
ALTER INDEX parties_keys SET (fastupdate = off);
ALTER INDEX case_search_bigrams SET (gin_pending_list_limit = 256);
ALTER INDEX case_search_haystack SET (gin_pending_list_limit = 256);
ALTER INDEX case_search_pinyin SET (gin_pending_list_limit = 256);
SELECT gin_clean_pending_list('parties_keys'::regclass);
SELECT gin_clean_pending_list('case_search_bigrams'::regclass);
SELECT gin_clean_pending_list('case_search_haystack'::regclass);
SELECT gin_clean_pending_list('case_search_pinyin'::regclass);

-- A search orders its matches by received date and creation time: read from the primary key's pages
-- (index-only), not from each matching case's row.
CREATE UNIQUE INDEX cases_id_order ON cases (id) INCLUDE (received_at, created_ms);
