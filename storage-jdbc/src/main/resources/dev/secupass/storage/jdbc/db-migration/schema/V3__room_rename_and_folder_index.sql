-- Rooms can be renamed: the epoch whose key seals a room's name, and a revision that every change
-- of the room row (a rename, a new epoch) increments, so that renames are compare-and-set. Rooms
-- stored before keep their name under epoch 1, at revision 1.
ALTER TABLE ${prefix}room ADD COLUMN name_epoch INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE ${prefix}room ADD COLUMN revision BIGINT DEFAULT 1 NOT NULL;

-- Listing one folder (RoomStore.entriesIn) is one range scan of room_entry_folder in id order,
-- however many entries the room has. folder_key is parent_id, or '' for an entry at the top: a
-- NULL parent would not do, since PostgreSQL does not read an index in order past an IS NULL
-- condition (it sorts the whole top instead). parent_id stays, for the parent foreign key.
ALTER TABLE ${prefix}room_entry ADD COLUMN folder_key ${text64} DEFAULT '' NOT NULL;
UPDATE ${prefix}room_entry SET folder_key = parent_id WHERE parent_id IS NOT NULL;
CREATE INDEX ${prefix}room_entry_folder ON ${prefix}room_entry (room_id, folder_key, id);
