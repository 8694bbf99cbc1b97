-- The skip log of paper migration: scan files (page 0) and single pages that migrate-paper did
-- not read, with the reason (org.qianhe.paper.scan.RejectReason: CORRUPT_PDF, UNREADABLE_IMAGE,
-- DECOMPRESSION_BOMB, ABSURD_DIMENSIONS, PATH_TRAVERSAL, ...), for the migration team to rescan.
-- One row per batch, file and page: a restarted run records the same skip again without doubling it.
CREATE TABLE paper_skip_log (
    batch     VARCHAR(200)  NOT NULL,
    -- the file name as listed in the batch, made printable (control characters replaced)
    file_name VARCHAR(500)  NOT NULL,
    page      INT           NOT NULL,
    reason    VARCHAR(32)   NOT NULL,
    -- what was wrong, never content of the file
    detail    VARCHAR(1000) NOT NULL,
    logged_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (batch, file_name, page)
);
