# imaging/pacs/: DIMSE (DCMTK dcmnet) and DICOMweb (libcurl) clients and the study cache.
find_package(CURL REQUIRED)
target_link_libraries(mensura_imaging PRIVATE CURL::libcurl DCMTK::dcmnet)
