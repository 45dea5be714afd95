-- When an admin switches back to pseudonymous mode, the user identifiers stored with events in identified mode
-- are removed in the background, one day partition at a time. This marks the switch until that is done.
alter table event_settings add column remove_identifiers_before timestamptz;
