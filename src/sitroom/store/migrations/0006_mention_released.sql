-- 0006: the number of people a mention reports released or freed (detainees, hostages).

ALTER TABLE mentions ADD COLUMN released INTEGER CHECK (released IS NULL OR released >= 0);
