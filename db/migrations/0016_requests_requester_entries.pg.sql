-- Two entries of a request's history that the requester writes: taking back a request nobody
-- has acted on yet ('withdrawal'), and adding text or files to an open one ('information').
ALTER TABLE request_events DROP CONSTRAINT request_events_kind_check;
ALTER TABLE request_events ADD CONSTRAINT request_events_kind_check
    CHECK (kind IN ('submitted', 'transition', 'assignment', 'note', 'reply', 'merge', 'rating', 'reopen', 'withdrawal', 'information'));
