// MainWindow: menus, toolbars, docks, the shortcuts dialog, remembered layout.
#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QHeaderView>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QSettings>
#include <QTableWidget>
#include <QToolBar>
#include <QVBoxLayout>

#include "mensura/viewer-model/WindowLevel.h"
#include "mensura/viewer/AnnotationPanel.h"
#include "mensura/viewer/CaseController.h"
#include "mensura/viewer/CaseRecordPanel.h"
#include "mensura/viewer/CompareView.h"
#include "mensura/viewer/MainWindow.h"
#include "mensura/viewer/MeasurementTool.h"
#include "mensura/viewer/SegmentationPanel.h"
#include "mensura/viewer/VolumeView.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include "mensura/viewer/PacsWindow.h"

namespace mensura::viewer {

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    openAction_ = file->addAction(tr("&Open folder…"), this, &MainWindow::chooseFolder);
    openAction_->setShortcut(QKeySequence::Open);
    file->addAction(tr("Open &files…"), this, &MainWindow::chooseFiles);
    QAction* openCaseAction = file->addAction(tr("Open &case…"), this, &MainWindow::chooseCase);
    openCaseAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    recentMenu_ = file->addMenu(tr("&Recent cases"));
    updateRecentMenu();
    QAction* save = file->addAction(tr("&Save case"), this, [this] { saveCase(); });
    save->setShortcut(QKeySequence::Save);
    file->addSeparator();
    // The PACS window: retrieved studies open here; the current case's exports are what it sends.
    QAction* pacs = file->addAction(tr("&PACS…"), this, [this] {
        auto* window = new PacsWindow(this);
        window->setAttribute(Qt::WA_DeleteOnClose);
        window->setRetrieveFolder(QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + "/studies");
        QStringList exports;
        if (!case_->folder().isEmpty())
            for (const QFileInfo& f : QDir(case_->folder() + "/exports").entryInfoList({"*.dcm"}, QDir::Files))
                exports << f.absoluteFilePath();
        window->setFilesToSend(exports);
        connect(window, &PacsWindow::studyRetrieved, this, [this](const QString& folder) { openPath(folder, true); });
        window->show();
    });
    pacs->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    undoAction_ = edit->addAction(tr("&Undo"), this, [this] { case_->undo(); });
    undoAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Z));
    redoAction_ = edit->addAction(tr("&Redo"), this, [this] { case_->redo(); });
    redoAction_->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    deleteAction_ = edit->addAction(tr("&Delete annotation"), this, &MainWindow::deleteSelected);
    deleteAction_->setShortcuts({QKeySequence::Delete, QKeySequence(Qt::Key_Backspace)});
    deleteAction_->setObjectName("deleteAction");
    edit->addSeparator();
    QAction* link = edit->addAction(tr("&Link annotation to a lesion…"), this,
                                    [this] { recordPanel_->openLinkDialog(annotationPanel_->selectedUid()); });
    link->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    QAction* finding = edit->addAction(tr("Add a coded &finding…"), this,
                                       [this] { recordPanel_->openFindingDialog(annotationPanel_->selectedUid()); });
    finding->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    // The same actions on the annotation list's right-click menu.
    annotationPanel_->setContextMenuPolicy(Qt::ActionsContextMenu);
    annotationPanel_->addActions({link, finding, deleteAction_});
    edit->addSeparator();
    QAction* cancel = edit->addAction(tr("&Cancel placement"), this, [this] { tool_->cancel(); });
    cancel->setShortcut(Qt::Key_Escape);
    finishAction_ = edit->addAction(tr("&Finish polygon"), this, [this] { tool_->finish(); });
    finishAction_->setShortcuts({QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)});
    finishAction_->setObjectName("finishAction");
    finishAction_->setEnabled(false);  // while a polygon is being drawn
    updateEditActions();

    QMenu* tools = menuBar()->addMenu(tr("&Tools"));
    toolActions_ = new QActionGroup(this);
    struct Entry {
        QString text, button;  // menu text, toolbar button text
        Tool tool;
        QKeySequence key;
    };
    for (const Entry& e :
         {Entry{tr("&Navigate / window-level"), tr("Navigate"), Tool::Navigate, QKeySequence(Qt::Key_N)},
          Entry{tr("&Caliper"), tr("Caliper"), Tool::Caliper, QKeySequence(Qt::Key_C)},
          Entry{tr("&Tri-axial (AP, LR axial; SI sagittal/coronal)"), tr("Tri-axial"), Tool::Triaxial,
                QKeySequence(Qt::Key_T)},
          Entry{tr("&Bidirectional (long axis, then perpendicular short axis)"), tr("Bidirectional"),
                Tool::Bidirectional, QKeySequence(Qt::Key_B)},
          Entry{tr("&Ellipse ROI (drag its box)"), tr("Ellipse"), Tool::Ellipse, QKeySequence(Qt::Key_E)},
          Entry{tr("&Polygon ROI (click vertices, Enter closes)"), tr("Polygon"), Tool::Polygon,
                QKeySequence(Qt::Key_P)},
          Entry{tr("&Vertebral level label"), tr("Level"), Tool::VertebralLabel, QKeySequence(Qt::Key_V)},
          Entry{tr("Text &arrow"), tr("Text"), Tool::TextArrow, QKeySequence(Qt::Key_A)},
          Entry{tr("&Seed segmentation"), tr("Seed"), Tool::Seed, QKeySequence(Qt::Key_S)}}) {
        QAction* a = tools->addAction(e.text, this, [this, t = e.tool] { setTool(t); });
        a->setShortcut(e.key);
        a->setIconText(e.button);
        a->setToolTip(
            QStringLiteral("%1 (%2)").arg(QString(e.text).remove('&'), e.key.toString(QKeySequence::NativeText)));
        a->setCheckable(true);
        a->setData(int(e.tool));
        a->setChecked(e.tool == Tool::Navigate);
        toolActions_->addAction(a);
    }

    QMenu* exportMenu = menuBar()->addMenu(tr("E&xport"));
    exportMenu->setObjectName("exportMenu");
    const std::vector<std::pair<QString, QString>> formats{{"sr", tr("DICOM &SR measurement report (TID 1500)")},
                                                           {"seg", tr("DICOM S&EG lesion masks")},
                                                           {"images", tr("Referenced DICOM &images")},
                                                           {"fhir", tr("&FHIR R4 bundle")},
                                                           {"csv", tr("&CSV measurements")},
                                                           {"json", tr("Case record &JSON")},
                                                           {"html", tr("&HTML report with key images")},
                                                           {"pdf", tr("&PDF report")}};
    for (const auto& [format, text] : formats) {
        QAction* a = exportMenu->addAction(text, this, [this, f = format] { exportCase(f); });
        a->setObjectName("export_" + format);
    }
    exportMenu->addAction(tr("&All of the above"), this, [this] { exportCase("all"); });
    exportMenu->addSeparator();
    QAction* preview = exportMenu->addAction(tr("&Report preview…"), this, &MainWindow::previewReport);
    preview->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    deidentifyAction_ = exportMenu->addAction(tr("&De-identify exports (PS3.15 basic profile)"));
    deidentifyAction_->setCheckable(true);
    deidentifyAction_->setObjectName("deidentifyAction");

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("&Reset zoom and pan"), this, [this] {
        for (SliceView* v : views_) v->resetView();
    });
    QAction* maximize = view->addAction(tr("&Maximize the focused view"), this, [this] {
        for (SliceView* v : views_)
            if (v->hasFocus() || v == maximized_) return toggleMaximized(v);
        if (volumeView_->hasFocus() || volumeView_ == maximized_) return toggleMaximized(volumeView_);
        toggleMaximized(views_[0]);
    });
    maximize->setShortcut(Qt::Key_F);
    crosshairAction_ = view->addAction(tr("&Crosshair (linked cursor; Shift+click to place)"), this, [this](bool on) {
        if (!on || !volume_) return setCursorLps(std::nullopt);
        // At the centre of the volume until the user Shift+clicks somewhere else.
        const auto& g = volume_->geometry;
        setCursorLps(g.indexToLps((g.size[0] - 1) / 2.0, (g.size[1] - 1) / 2.0, (g.size[2] - 1) / 2.0));
    });
    crosshairAction_->setCheckable(true);
    crosshairAction_->setShortcut(Qt::Key_X);
    crosshairAction_->setObjectName("crosshairAction");
    // The 3D view's rendering (its B/T/M keys are taken by the tools when the main window has them).
    QMenu* rendering = view->addMenu(tr("3D &rendering"));
    for (const auto& [text, preset] :
         {std::pair{tr("CT &bone"), VolumePreset::CtBone}, std::pair{tr("CT &soft tissue"), VolumePreset::CtSoftTissue},
          std::pair{tr("&MR (from the value range)"), VolumePreset::MrAuto},
          std::pair{tr("&Automatic"), VolumePreset::Auto}})
        rendering->addAction(text, this, [this, p = preset] { volumeView_->setPreset(p); });
    QAction* compare = view->addAction(tr("Compare series &side by side…"), this, [this] { openCompare(); });
    compare->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* keys = help->addAction(tr("&Keyboard and mouse…"), this, &MainWindow::showHelp);
    keys->setShortcut(QKeySequence::HelpContents);
}

void MainWindow::buildToolbar() {
    QToolBar* bar = addToolBar(tr("Tools"));
    bar->setObjectName("toolsToolbar");
    for (QAction* a : toolActions_->actions()) bar->addAction(a);
    bar->addSeparator();
    bar->addAction(undoAction_);
    bar->addAction(redoAction_);
    QToolBar* presets = addToolBar(tr("Window presets"));
    presets->setObjectName("presetToolbar");
    for (std::size_t i = 0; i < windowPresets().size(); ++i) {
        const WindowPreset& p = windowPresets()[i];
        QAction* a = presets->addAction(QString::fromStdString(p.name), this, [this, i] { applyWindowPreset(int(i)); });
        a->setShortcut(QKeySequence(QString::fromLatin1(p.shortcut)));
        a->setToolTip(p.window > 0 ? tr("W %1 / L %2 (%3)").arg(p.window).arg(p.level).arg(p.shortcut)
                                   : tr("Window from the volume's values (%1)").arg(p.shortcut));
    }
}

void MainWindow::buildDocks() {
    auto* annotationsDock = new QDockWidget(tr("Annotations"), this);
    annotationsDock->setObjectName("annotationsDock");
    annotationsDock->setWidget(annotationPanel_);
    addDockWidget(Qt::RightDockWidgetArea, annotationsDock);
    auto* segmentationDock = new QDockWidget(tr("Seed segmentation"), this);
    segmentationDock->setObjectName("segmentationDock");
    segmentationDock->setWidget(segmentationPanel_);
    addDockWidget(Qt::RightDockWidgetArea, segmentationDock);
    // The grid's fourth pane is the 3D view: the series information lives in a dock.
    auto* infoDock = new QDockWidget(tr("Series information"), this);
    infoDock->setObjectName("infoDock");
    infoDock->setWidget(info_);
    addDockWidget(Qt::RightDockWidgetArea, infoDock);
    auto* recordDock = new QDockWidget(tr("Case record"), this);
    recordDock->setObjectName("recordDock");
    recordDock->setWidget(recordPanel_);
    addDockWidget(Qt::RightDockWidgetArea, recordDock);
    tabifyDockWidget(segmentationDock, recordDock);
    recordDock->raise();
}

void MainWindow::setTool(Tool tool) {
    tool_->setTool(tool);
    for (QAction* a : toolActions_->actions())
        if (a->data().toInt() == int(tool)) a->setChecked(true);
    if (tool == Tool::Navigate) showStatus(tr("Navigate: drag for window/level, wheel to scroll"));
}

void MainWindow::applyWindowPreset(int index) {
    if (index < 0 || std::size_t(index) >= windowPresets().size() || !volume_) return;
    const WindowPreset& p = windowPresets()[std::size_t(index)];
    const auto [window, level] = p.window > 0 ? std::make_pair(p.window, p.level) : autoWindowLevel(*volume_);
    for (SliceView* v : views_) v->setWindowLevel(window, level);
    showStatus(tr("%1: W %2 / L %3").arg(QString::fromStdString(p.name)).arg(window, 0, 'f', 0).arg(level, 0, 'f', 0));
}

CompareView* MainWindow::openCompare() {
    if (!index_) {
        reportError(tr("Compare"), tr("Open a folder first."));
        return nullptr;
    }
    if (!compare_) {
        compare_ = new CompareView(index_);
        compare_->setAttribute(Qt::WA_DeleteOnClose);
        compare_->setAnnotations(case_->annotations());
        connect(case_, &CaseController::changed, compare_, [this] { compare_->setAnnotations(case_->annotations()); });
        // The current series, and beside it the same modality of another study (follow-up), else
        // another series of this frame of reference.
        const std::string current = volume_ ? volume_->seriesInstanceUid : std::string();
        const imaging::SeriesStack* here = index_->findStack(current);
        const imaging::SeriesStack* other = nullptr;
        int best = -1;
        for (const imaging::SeriesStack* s : index_->allStacks()) {
            if (s->seriesInstanceUid == current) continue;
            int score = 0;
            if (here) {
                score += s->first().studyInstanceUid != here->first().studyInstanceUid ? 4 : 0;
                score += s->first().modality == here->first().modality ? 2 : 0;
                score += s->first().frameOfReferenceUid == here->first().frameOfReferenceUid ? 1 : 0;
            }
            if (score > best) best = score, other = s;
        }
        if (here) compare_->setSeries(0, QString::fromStdString(here->stackId));
        if (other) compare_->setSeries(1, QString::fromStdString(other->stackId));
    }
    compare_->show();
    compare_->raise();
    return compare_;
}

void MainWindow::toggleMaximized(QWidget* view) {
    maximized_ = maximized_ == view ? nullptr : view;
    for (SliceView* v : views_) v->setVisible(!maximized_ || v == maximized_);
    volumeView_->setVisible(!maximized_ || volumeView_ == maximized_);
}

void MainWindow::chooseCase() {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open a case folder (with case.json)"));
    if (!dir.isEmpty()) openCase(dir);
}

void MainWindow::updateRecentMenu() {
    recentMenu_->clear();
    const QStringList recent = QSettings().value("recentCases").toStringList();
    for (const QString& folder : recent) recentMenu_->addAction(folder, this, [this, folder] { openCase(folder); });
    recentMenu_->setEnabled(!recent.isEmpty());
}

void MainWindow::showHelp() {
    auto* dialog = new QDialog(this);
    dialog->setObjectName("shortcutsDialog");
    dialog->setWindowTitle(tr("Keyboard and mouse"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    auto* table = new QTableWidget(0, 2);
    table->setHorizontalHeaderLabels({tr("Keys / mouse"), tr("Action")});
    auto add = [table](const QString& keys, const QString& what) {
        const int row = table->rowCount();
        table->insertRow(row);
        table->setItem(row, 0, new QTableWidgetItem(keys));
        table->setItem(row, 1, new QTableWidgetItem(what));
    };
    for (QMenu* menu : menuBar()->findChildren<QMenu*>())
        for (QAction* a : menu->actions())
            if (!a->shortcuts().isEmpty()) {
                QStringList keys;
                for (const QKeySequence& k : a->shortcuts()) keys << k.toString(QKeySequence::NativeText);
                add(keys.join(tr(" or ")), a->text().remove('&'));
            }
    add(tr("Left drag"), tr("Window/level (Navigate); place the active tool; drag a handle to move it"));
    add(tr("Wheel, Up/Down, PgUp/PgDn, Home/End"), tr("Scroll slices"));
    add(tr("Ctrl+wheel, right drag"), tr("Zoom"));
    add(tr("Middle drag"), tr("Pan"));
    add(tr("R"), tr("Reset zoom and pan of the view under the mouse"));
    add(tr("Double-click"), tr("Maximize / restore a view (Navigate); close the polygon (Polygon ROI)"));
    add(tr("Drag, then drag again"), tr("Bidirectional: long axis, then the short axis (held perpendicular)"));
    add(tr("Click"), tr("Polygon vertex; vertebral level or text arrow (a dialog asks for the level or note)"));
    add(tr("Compare window"), tr("Choose a series per pane; Link scrolling keeps the panes at one level "
                                 "(another frame of reference: line them up on the lesion first)"));
    add(tr("Shift+click"), tr("Put the linked cursor (crosshair) there: every view scrolls to it"));
    add(tr("Click in Annotations"), tr("Jump to the annotation"));
    table->horizontalHeader()->setStretchLastSection(true);
    table->resizeColumnsToContents();
    auto* layout = new QVBoxLayout(dialog);
    layout->addWidget(table);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    layout->addWidget(buttons);
    dialog->resize(640, 560);
    dialog->open();
}

void MainWindow::closeEvent(QCloseEvent* event) {
    QSettings settings;
    settings.setValue("window/geometry", saveGeometry());
    settings.setValue("window/state", saveState());
    QMainWindow::closeEvent(event);
}

}  // namespace mensura::viewer
