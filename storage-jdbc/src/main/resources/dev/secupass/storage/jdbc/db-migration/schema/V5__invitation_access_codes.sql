-- First contact protected by a one-time access code (docs/format.md, "Access code check" and
-- "Access code binding"): the sender's check of the code, written with the invitation, and the
-- guest's binding of their new public keys to it, written once at their activation. Both are
-- NULL for an invitation without a code; invitations stored before have none.
ALTER TABLE ${prefix}guest_invitation ADD COLUMN access_code ${bytes};
ALTER TABLE ${prefix}guest_invitation ADD COLUMN binding ${bytes};
