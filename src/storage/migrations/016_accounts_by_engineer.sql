-- Accounts are looked up by their engineer: bulk account creation and the engineer list's account filter.
CREATE INDEX users_engineer ON users(engineer_id);
