#include "mensura/dicom/DcmtkSetup.h"

#include <dcmtk/dcmdata/dcfilefo.h>

#include <dcmtk/dcmdata/dcrledrg.h>
#include <dcmtk/dcmjpeg/djdecode.h>
#include <dcmtk/dcmjpls/djdecode.h>
#include <dcmtk/oflog/oflog.h>

#include <cstdlib>
#include <mutex>

namespace mensura::imaging {

void initDcmtk() {
    static std::once_flag once;
    std::call_once(once, [] {
        // MENSURA_DCMTK_LOG=1 keeps DCMTK's warnings on the console for debugging.
        if (!std::getenv("MENSURA_DCMTK_LOG")) OFLog::getLogger("dcmtk").setLogLevel(OFLogger::FATAL_LOG_LEVEL);
        DJDecoderRegistration::registerCodecs();
        DJLSDecoderRegistration::registerCodecs();
        DcmRLEDecoderRegistration::registerCodecs();
    });
}

std::optional<Error> verifyWrittenDicomFile(const std::string& path) {
    initDcmtk();
    DcmFileFormat file;
    // Values over 4 KiB (the pixels) are skipped, not read: DCMTK still checks that each fits in
    // what is left of the file, which is what a short write breaks, at a fraction of the I/O.
    const OFCondition c = file.loadFile(path.c_str(), EXS_Unknown, EGL_noChange, 4096);
    if (c.bad()) return Error{"the file written does not read back (" + std::string(c.text()) + "): disk full?"};
    return std::nullopt;
}

}  // namespace mensura::imaging
