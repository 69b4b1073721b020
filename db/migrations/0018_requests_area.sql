-- The municipality's area a request is about (one of web/places.hpp's names, as the municipality
-- spells it); '' when the requester gave none.
ALTER TABLE requests ADD COLUMN area TEXT NOT NULL DEFAULT '';
