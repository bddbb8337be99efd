// certificates.hpp
// Certificates: issued when a cycle closes, listed per engineer, and the ones about to expire.
#pragma once
#include <cstdint>
#include <vector>

#include "app/context.hpp"
#include "storage/certificates.hpp"
#include "storage/cycles.hpp"

namespace skillgrade::app {

// Closing a cycle: every passed, selected and approved application gets its new level and a
// certificate (inside the caller's unit of work); how many.
int certify(context&, storage::unit_of_work&, const storage::cycle_row&, const principal&);
// Valid certificates expiring within `days` (0–3650) of today, in the caller's scope: the list that
// drives the next re-certification cycle.
result<std::vector<storage::certificates::expiring_row>> expiring_certificates(context&, const principal&, int days);
result<std::vector<storage::certificate_row>> list_certificates(context&, const principal&, std::int64_t engineer_id);

}  // namespace skillgrade::app
