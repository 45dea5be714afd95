-- The identity provider's SCIM client authenticates with a token of its own kind (role scim), issued, rotated and
-- revoked like the others. Numbered after V10, so that databases that already have V10 apply it in order.
alter table api_token drop constraint api_token_kind_check;
alter table api_token add constraint api_token_kind_check check (kind in ('API', 'BOOTSTRAP', 'ENROLLMENT', 'SCIM'));
