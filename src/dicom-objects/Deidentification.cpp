#include "mensura/dicom-objects/Deidentification.h"

#include <cstdio>
#include <ctime>

#include "mensura/dicom/DicomSeriesWriter.h"

namespace mensura::annotations {

std::string DeidentificationPolicy::shiftDate(const std::string& date) const {
    if (!enabled) return date;
    int y = 0, m = 0, d = 0;
    const bool iso = date.size() == 10 && date[4] == '-' && date[7] == '-';
    if (iso) {
        if (std::sscanf(date.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3) return date;
    } else if (date.size() == 8) {
        if (std::sscanf(date.c_str(), "%4d%2d%2d", &y, &m, &d) != 3) return date;
    } else {
        return date;
    }
    // Civil-date arithmetic through timegm at noon UTC: no time zone or DST effects.
    std::tm t{};
    t.tm_year = y - 1900;
    t.tm_mon = m - 1;
    t.tm_mday = d + dateShiftDays;
    t.tm_hour = 12;
    const std::time_t when = timegm(&t);
    std::tm out{};
    gmtime_r(&when, &out);
    char buf[16];
    std::snprintf(buf, sizeof buf, iso ? "%04d-%02d-%02d" : "%04d%02d%02d", out.tm_year + 1900, out.tm_mon + 1,
                  out.tm_mday);
    return buf;
}

std::string DeidentificationPolicy::remapUid(const std::string& uid) const {
    if (!enabled || uid.empty()) return uid;
    return imaging::derivedUid(uidSalt + "/" + uid);
}

}  // namespace mensura::annotations
