// repositories.hpp: a transitional umbrella that only includes the headers of the storage layer; include the one you use.
//
// Every SQL statement of skillgrade lives behind these functions; each takes the unit of
// work it runs in and returns domain values. Explicit columns, bound parameters, both engines.
//
//   unit_of_work tx(db, write::no);
//   auto page = engineers::list(tx, filter);   // {items, total}
#pragma once
#include "storage/accounts.hpp"
#include "storage/audit.hpp"
#include "storage/org_units.hpp"
#include "storage/schemes.hpp"
#include "storage/engineers.hpp"
#include "storage/training.hpp"
#include "storage/product_lines.hpp"
#include "storage/cycles.hpp"
#include "storage/calendar.hpp"
#include "storage/applications.hpp"
#include "storage/scores.hpp"
#include "storage/results.hpp"
#include "storage/evaluation.hpp"
#include "storage/votes.hpp"
#include "storage/certificates.hpp"
#include "storage/appeals.hpp"
#include "storage/work.hpp"
