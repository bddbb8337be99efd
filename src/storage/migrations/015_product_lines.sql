-- Product lines as data with a label in each language: engineers keep the Chinese name they were
-- imported with; the pages show the English label in English mode.
CREATE TABLE product_lines (
  name TEXT PRIMARY KEY,
  name_en TEXT NOT NULL,
  position INTEGER NOT NULL
);
INSERT INTO product_lines (name, name_en, position) VALUES
  ('家用空调', 'Residential air conditioners', 1), ('冰箱', 'Refrigerators', 2), ('洗衣机', 'Washing machines', 3),
  ('商用制冷', 'Commercial refrigeration', 4), ('热水器', 'Water heaters', 5), ('厨房电器', 'Kitchen appliances', 6),
  ('中央空调', 'Central air conditioning', 7);
