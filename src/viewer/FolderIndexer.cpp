#include "FolderIndexer.h"

#include <QFileInfo>
#include <algorithm>

#include <QThread>

namespace mensura::viewer {

FolderIndexer::FolderIndexer(QObject* parent) : QObject(parent) {}

FolderIndexer::~FolderIndexer() {
    if (thread_) {
        thread_->wait();
        delete thread_;
    }
}

void FolderIndexer::index(const QStringList& paths, unsigned threads) {
    if (thread_ || paths.isEmpty()) return;  // one folder at a time; the menu is disabled meanwhile
    std::vector<std::string> all;
    for (const QString& p : paths) all.push_back(p.toStdString());
    const std::string root = all.front();
    thread_ = QThread::create([this, all, root, threads]() {
        imaging::IndexOptions options;
        options.threads = threads;
        options.progress = [this](std::size_t done, std::size_t total) {
            const int d = int(done), t = int(total);
            if (t > 0 && d != t && d % std::max(1, t / 100) != 0) return;
            QMetaObject::invokeMethod(
                this, [this, d, t] { emit progress(d, t); }, Qt::QueuedConnection);
        };
        std::string error;
        auto result = std::make_shared<imaging::DicomIndex>(imaging::indexPaths(all, options, &error));
        QMetaObject::invokeMethod(
            this,
            [this, result, error, root] {
                if (!error.empty())
                    emit failed(QString::fromStdString(root), QString::fromStdString(error));
                else
                    emit indexed(result);
            },
            Qt::QueuedConnection);
    });
    connect(thread_, &QThread::finished, this, [this] {
        thread_->deleteLater();
        thread_ = nullptr;
    });
    thread_->start();
}

QString summarizeProblems(const imaging::DicomIndex& index, int maxListed) {
    const auto& problems = index.problems;
    if (problems.empty()) return {};
    QStringList items;
    for (int i = 0; i < int(problems.size()) && i < maxListed; ++i) {
        const auto& p = problems[static_cast<std::size_t>(i)];
        items << QStringLiteral("%1 (%2)").arg(QFileInfo(QString::fromStdString(p.path)).fileName(),
                                               QString::fromStdString(p.reason));
    }
    QString text = QStringLiteral("%1 file%2 could not be read: %3")
                       .arg(problems.size())
                       .arg(problems.size() == 1 ? "" : "s")
                       .arg(items.join(", "));
    if (int(problems.size()) > maxListed) text += ", …";
    return text;
}

}  // namespace mensura::viewer
