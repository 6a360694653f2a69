// mensura-pacs: the "pacs" subcommand of mensura-cli on its own.
#include "pacs_cli.h"

int main(int argc, char** argv) {
    CLI::App app{"Mensura PACS client: C-ECHO/C-FIND/C-GET/C-MOVE/C-STORE and QIDO/WADO/STOW-RS"};
    app.require_subcommand(1);
    mensura::tools::addPacsSubcommand(app);
    CLI11_PARSE(app, argc, argv);
    return 0;
}
