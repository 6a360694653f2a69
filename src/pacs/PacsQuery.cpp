#include "mensura/pacs/PacsQuery.h"

namespace mensura::imaging::pacs {

nlohmann::json toJson(const StudyRecord& s) {
    return {{"studyInstanceUid", s.studyInstanceUid},
            {"patientName", s.patientName},
            {"patientId", s.patientId},
            {"studyDate", s.studyDate},
            {"studyTime", s.studyTime},
            {"accessionNumber", s.accessionNumber},
            {"studyDescription", s.studyDescription},
            {"modalitiesInStudy", s.modalitiesInStudy},
            {"numberOfSeries", s.numberOfSeries},
            {"numberOfInstances", s.numberOfInstances}};
}

nlohmann::json toJson(const SeriesRecord& s) {
    return {{"studyInstanceUid", s.studyInstanceUid},
            {"seriesInstanceUid", s.seriesInstanceUid},
            {"modality", s.modality},
            {"seriesDescription", s.seriesDescription},
            {"seriesNumber", s.seriesNumber},
            {"numberOfInstances", s.numberOfInstances}};
}

}  // namespace mensura::imaging::pacs
