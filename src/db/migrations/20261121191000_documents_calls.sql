-- Documents may say which kind of document they are (a receipt, a medical certificate: the kinds a
-- product's covers require), so that the claim's checklist can show an upload against what the
-- product asks for. NULL: not said (most email attachments and scans). The kinds are the product
-- configuration's DOCUMENT_KINDS, checked by the API, not here: a new kind needs no migration.
-- Forward-only.
ALTER TABLE documents ADD COLUMN kind text;
