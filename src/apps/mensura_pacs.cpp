// mensura-pacs: the "pacs" subcommand of mensura-cli on its own.
#include "mensura/core/Version.h"
#include "pacs_cli.h"

int main(int argc, char** argv) {
    CLI::App app{"Mensura PACS client: C-ECHO/C-FIND/C-GET/C-MOVE/C-STORE and QIDO/WADO/STOW-RS"};
    app.set_version_flag("--version", std::string("mensura-pacs ") + mensura::kVersion);
    app.require_subcommand(1);
    mensura::tools::addPacsSubcommand(app);
    CLI11_PARSE(app, argc, argv);
    return 0;
}
